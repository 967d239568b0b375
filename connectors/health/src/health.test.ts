import { testVillageSource } from '@mimamori/village/testing';
import health from './index';

testVillageSource(health, {
  fixture: new URL('../fixtures/kenshin.xlsx', import.meta.url),
  encoding: 'xlsx',
  carriesResidentNumber: true,
});
