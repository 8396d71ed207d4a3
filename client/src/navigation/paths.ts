export const SIGN_IN_PATH = '/sign-in';

export const unitHomePath = (unitId: string): string => `/?unit=${encodeURIComponent(unitId)}`;

/** Without a family the room follows the chair; see `features/meeting/agenda.ts`. */
export const meetingPath = (meetingId: string): string =>
  `/meetings/${encodeURIComponent(meetingId)}`;

export const meetingFamilyPath = (meetingId: string, familyId: string): string =>
  `${meetingPath(meetingId)}/families/${encodeURIComponent(familyId)}`;

export const familyPath = (familyId: string): string => `/families/${encodeURIComponent(familyId)}`;

export const meetingPlanPath = (meetingId: string): string => `${meetingPath(meetingId)}/plan`;

export const scheduleMeetingsPath = (unitId: string): string =>
  `/units/${encodeURIComponent(unitId)}/schedule`;

export const questionBankPath = (unitId: string): string =>
  `/units/${encodeURIComponent(unitId)}/question-bank`;

export const ADMIN_PATH = '/admin';
export const ADMIN_PEOPLE_PATH = '/admin/people';
export const adminUnitPath = (unitId: string): string =>
  `/admin/units/${encodeURIComponent(unitId)}`;
export const adminPersonPath = (userId: string): string =>
  `/admin/people/${encodeURIComponent(userId)}`;
export const CHANGE_PASSWORD_PATH = '/account/password';
export const openFamilyPath = (unitId: string): string =>
  `/units/${encodeURIComponent(unitId)}/families/new`;
