export { health, healthColumns, healthFacts } from './health';
export { health as default } from './health';
