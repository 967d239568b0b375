import { testVillageSource } from '@mimamori/village/testing';
import welfare from './index';

testVillageSource(welfare, {
  fixture: new URL('../fixtures/fukushi.csv', import.meta.url),
  encoding: 'utf-8-bom',
  carriesResidentNumber: true,
});
