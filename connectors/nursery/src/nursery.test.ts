import { testVillageSource } from '@mimamori/village/testing';
import nursery from './index';

testVillageSource(nursery, {
  fixture: new URL('../fixtures/hoiku.csv', import.meta.url),
  encoding: 'cp932',
  carriesResidentNumber: false,
});
