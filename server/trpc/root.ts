import { createCallerFactory, createTRPCRouter } from './init';
import { catalogueRouter } from './routers/catalogue';
import { measurementsRouter } from './routers/measurements';
import { valuesRouter } from './routers/values';

export const appRouter = createTRPCRouter({
  catalogue: catalogueRouter,
  values: valuesRouter,
  measurements: measurementsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
