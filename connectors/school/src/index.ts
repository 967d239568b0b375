export { school, schoolColumns, schoolFacts } from './school';
export { school as default } from './school';
