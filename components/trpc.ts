'use client';
/** The typed tRPC hooks for React, bound to TanStack Query (one definition for the whole UI). */
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AppRouter } from '../server/trpc/root';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();
