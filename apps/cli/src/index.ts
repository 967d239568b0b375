export { runCli } from './main';
export type { CommandIo } from './command';
