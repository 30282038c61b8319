import { describe, expect, it } from 'vitest';
import { buildingsInOtherZones, buildingsOutsideProject, routeForUnit, uniqueIds, zoneForBuilding, type ZoneRef } from './zones.policy.js';

const zones: ZoneRef[] = [
  { id: 'z1', name: '东区', teamId: 't1', teamName: '东区维修班', buildingIds: ['b1', 'b2'] },
  { id: 'z2', name: '西区', teamId: null, buildingIds: ['b3'] },
];

describe('routing a building to its zone and team', () => {
  it('finds the zone and team of a building', () => {
    expect(zoneForBuilding(zones, 'b2')).toEqual({ zoneId: 'z1', zoneName: '东区', teamId: 't1', teamName: '东区维修班' });
  });

  it('answers a zone without team with a null team (the dispatcher picks one)', () => {
    expect(zoneForBuilding(zones, 'b3')).toEqual({ zoneId: 'z2', zoneName: '西区', teamId: null, teamName: null });
  });

  it('answers null for a building in no zone', () => {
    expect(zoneForBuilding(zones, 'b9')).toBeNull();
    expect(zoneForBuilding([], 'b1')).toBeNull();
  });

  it('routes a unit by its building', () => {
    expect(routeForUnit(zones, { buildingId: 'b1' })?.teamId).toBe('t1');
    expect(routeForUnit(zones, { buildingId: 'b4' })).toBeNull();
  });
});

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
