export { roster, rosterColumns, rosterFacts } from './roster';
export { roster as default } from './roster';
