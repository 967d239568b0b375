import { testVillageSource } from '@mimamori/village/testing';
import school from './index';

testVillageSource(school, {
  fixture: new URL('../fixtures/gakko.csv', import.meta.url),
  encoding: 'cp932',
  carriesResidentNumber: false,
});
