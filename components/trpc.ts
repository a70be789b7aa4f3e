'use client';
/** The typed tRPC hooks for React, bound to TanStack Query (one definition for the whole UI). */
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../server/trpc/root';

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

/** What each procedure sends, as the browser receives it (superjson keeps Dates): the wire types. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;