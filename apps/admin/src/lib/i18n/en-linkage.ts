/** English messages of the linkage review page: the keys of `jaLinkage`. */
import type { jaLinkage } from './ja-linkage';

export const enLinkage: Record<keyof typeof jaLinkage, string> = {
  'linkage.personalNotice':
    'This page shows personal data such as names and birth dates. Every view is recorded in the audit log.',
  'linkage.fileLine': '{file}, line {line}',
  'linkage.field': 'Field',
  'linkage.thisRecord': 'This record',
  'linkage.candidate': 'Candidate',
  'linkage.name': 'Name',
  'linkage.kana': 'Kana',
  'linkage.birthDate': 'Birth date',
  'linkage.sex': 'Sex',
  'linkage.sex.1': 'Male',
  'linkage.sex.2': 'Female',
  'linkage.unknown': '–',
  'linkage.noPerson': 'No roster data',
  'linkage.page': '{from}–{to} of {total}',
  'linkage.prev': 'Previous page',
  'linkage.next': 'Next page',
  'linkage.confirmNew':
    'Mark {record} as a person not on the roster (new)? It will be linked automatically once the resident roster lists them.',
  'linkage.confirmReject':
    'Exclude {record}? Records of this person will not be linked in later imports either (you can undo this under "Recent decisions").',
  'linkage.confirmUndo':
    'Undo this decision? Its records go back to automatic linkage; those that cannot be linked return to review.',
  'linkage.decisions.title': 'Recent decisions',
  'linkage.decisions.intro':
    'Decisions staff made. Undo a wrong one and its records are linked again.',
  'linkage.decisions.empty': 'No decisions yet.',
  'linkage.decisions.decision': 'Decision',
  'linkage.decisions.record': 'Record',
  'linkage.decisions.when': 'When',
  'linkage.decisions.by': 'Decided by',
  'linkage.decisions.records': '{n} record(s)',
  'linkage.decisions.noRecord': 'No stored record',
  'linkage.decision.match': 'Same child ({child})',
  'linkage.decision.new': 'Not on the roster (new)',
  'linkage.decision.reject': 'Excluded',
  'linkage.undo': 'Undo',
  'linkage.undone': 'Decision undone; the records were linked again.',
  'linkage.code.new-person': 'Decided: not on the roster (new)',
  'error.code.on_roster':
    'The resident roster lists this person. Match the record to the candidate child, or exclude it.',
  'audit.action.linkage.review.read': 'Linkage review viewed',
  'audit.action.linkage.decisions.read': 'Linkage decisions viewed',
  'audit.action.linkage.undo': 'Linkage decision undone',
} as const;
