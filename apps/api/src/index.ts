export { createApp, openApiDocument, type AppOptions, type AppType } from './app';
export { createServer, type ServerOptions } from './server';
export type * from './deps';
export { roles, type Role } from './roles';
export { ApiError } from './problem';
export type { Problem } from './schemas/common';
export { checkPassword, createPasswordHasher } from './password';
export { createDbDeps, type DbDeps } from './db-deps';
export {
  createProductionDeps,
  defaultRulesDir,
  type ProductionDeps,
  type ProductionOptions,
} from './wiring/production-deps';
export { casesFromDirectory, type CaseSource } from './wiring/engine-service';
export {
  startCaseworkTimers,
  type CaseworkTimers,
  type CaseworkTimerOptions,
} from './wiring/casework-timers';
