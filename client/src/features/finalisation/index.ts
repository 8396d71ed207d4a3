/** What other features may use of finalisation/; everything else in the folder is its own. */
export { ApprovalSetting } from './ApprovalSetting';
export { FamilyRecords } from './FamilyRecords';
export { RecordedMinutes } from './RecordedMinutes';
