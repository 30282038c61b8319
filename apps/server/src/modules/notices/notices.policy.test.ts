import { describe, expect, it } from 'vitest';
import { recipientsOf, type StaffGrant } from './notices.policy.js';

const P = '/g/c/center/mall/';
const grants: StaffGrant[] = [
  { userId: 'director', roleCode: 'center_director', grantPath: '/g/c/center/' },
  { userId: 'supervisor', roleCode: 'reception_supervisor', grantPath: '/g/c/center/' },
  { userId: 'front', roleCode: 'receptionist', grantPath: P },
  { userId: 'guard', roleCode: 'guard', grantPath: `${P}b1/` },
  { userId: 'other', roleCode: 'receptionist', grantPath: '/g/c/center/garden/' },
];

describe('notice recipients', () => {
  it('sends a downward notice to the named roles of the project, not to other projects, not to the author', () => {
    expect(recipientsOf(grants, P, 'down', ['receptionist'], 'supervisor')).toEqual(['front']);
    expect(recipientsOf(grants, P, 'down', [], 'supervisor')).toEqual(['director', 'front', 'guard']);
  });

  it('sends an upward report to the supervisor and director above the project only', () => {
    expect(recipientsOf(grants, P, 'up', [], 'front')).toEqual(['director', 'supervisor']);
  });
});
