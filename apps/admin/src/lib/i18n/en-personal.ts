/** English messages of the personal-data panel: the keys of `jaPersonal`. */
import type { jaPersonal } from './ja-personal';

export const enPersonal: Record<keyof typeof jaPersonal, string> = {
  'personal.title': 'Personal data',
  'personal.show': 'Show personal data',
  'personal.hide': 'Hide',
  'personal.loading': 'Loading…',
  'personal.intro':
    'Show names, addresses and other personal data only when you need them. Every view is recorded in the audit log.',
  'personal.audited': 'This view was recorded in the audit log.',
  'personal.name': 'Name',
  'personal.kana': 'Reading (furigana)',
  'personal.birthDate': 'Date of birth',
  'personal.sex': 'Sex',
  'personal.address': 'Address',
  'personal.addressHidden': 'Address hidden under a support measure',
  'personal.residentNumber': 'Resident number',
  'personal.householdNumber': 'Household number',
};
