import { describe, expect, it } from 'vitest';
import { buildingsInOtherZones, buildingsOutsideProject, uniqueIds, zoneRemovalBlockers } from './zones.policy.js';

describe('a building sits in at most one zone', () => {
  const assignments = [
    { buildingId: 'b1', buildingName: '1栋', zoneId: 'z1', zoneName: '东区' },
    { buildingId: 'b3', buildingName: '3栋', zoneId: 'z2', zoneName: '西区' },
  ];

  it('reports requested buildings held by another zone, with names', () => {
    expect(buildingsInOtherZones(['b1', 'b4'], assignments, null)).toEqual([assignments[0]]);
    expect(buildingsInOtherZones(['b1', 'b3'], assignments, 'z1')).toEqual([assignments[1]]);
  });

  it('does not count the zone being saved against itself', () => {
    expect(buildingsInOtherZones(['b1'], assignments, 'z1')).toEqual([]);
    expect(buildingsInOtherZones([], assignments, null)).toEqual([]);
  });
});

describe('buildings must be the zone project\'s buildings', () => {
  const found = [
    { id: 'b1', kind: 'building', projectId: 'pA' },
    { id: 'b2', kind: 'building', projectId: 'pB' },
    { id: 'pA', kind: 'project', projectId: 'pA' },
  ];
  it('rejects another project\'s building, a non-building and an unknown id', () => {
    expect(buildingsOutsideProject(['b1', 'b2', 'pA', 'nope'], found, 'pA')).toEqual(['b2', 'pA', 'nope']);
    expect(buildingsOutsideProject(['b1'], found, 'pA')).toEqual([]);
  });

  it('treats a building listed twice as one', () => {
    expect(uniqueIds(['b1', 'b2', 'b1'])).toEqual(['b1', 'b2']);
  });
});

describe('removing a zone', () => {
  it('is allowed when no building and no ticket refers to it', () => {
    expect(zoneRemovalBlockers({ buildings: 0, tickets: 0 })).toEqual([]);
  });

  it('is refused while buildings are assigned, saying how many and that they must be moved', () => {
    const [b, ...rest] = zoneRemovalBlockers({ buildings: 3, tickets: 0 });
    expect(rest).toEqual([]);
    expect(b).toMatchObject({ reason: 'buildings', count: 3 });
    expect(b!.zh).toContain('3 个楼栋');
    expect(b!.en).toMatch(/3 building\(s\).*move them/);
  });

  it('is refused once tickets recorded it (history), together with the buildings reason', () => {
    expect(zoneRemovalBlockers({ buildings: 0, tickets: 2 }).map((b) => [b.reason, b.count])).toEqual([['tickets', 2]]);
    expect(zoneRemovalBlockers({ buildings: 1, tickets: 5 }).map((b) => b.reason)).toEqual(['buildings', 'tickets']);
  });
});
