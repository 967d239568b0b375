export * from './fact';
export * from './source-record';
export * from './row-issue';
