export { nursery, nurseryColumns, nurseryFacts } from './nursery';
export { nursery as default } from './nursery';
