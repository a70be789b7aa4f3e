import { createCallerFactory, createTRPCRouter } from './init';
import { alertsRouter } from './routers/alerts';
import { apiTokensRouter } from './routers/apiTokens';
import { authRouter } from './routers/auth';
import { catalogueRouter } from './routers/catalogue';
import { completenessRouter } from './routers/completeness';
import { forecastRouter } from './routers/forecast';
import { measurementsRouter } from './routers/measurements';
import { reportsRouter } from './routers/reports';
import { usersRouter } from './routers/users';
import { valuesRouter } from './routers/values';

export const appRouter = createTRPCRouter({
  catalogue: catalogueRouter,
  values: valuesRouter,
  measurements: measurementsRouter,
  alerts: alertsRouter,
  auth: authRouter,
  users: usersRouter,
  reports: reportsRouter,
  completeness: completenessRouter,
  apiTokens: apiTokensRouter,
  forecast: forecastRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
