import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Tx } from '../db/database.js';
import { leasesRepository } from './leases.repository.js';

/** This server process, as a lease holder: host, pid and a random tail (pids repeat across hosts and restarts). */
export const PROCESS_HOLDER = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`.slice(0, 80);

/**
 * Takes the named job's lease for `seconds` from `nowIso` if no other process holds it now.
 * The lease is not released when the job ends: it is what keeps the other processes from
 * running the same job again within the same interval.
 */
export function takeJobLease(db: Tx, name: string, holder: string, nowIso: string, seconds: number): Promise<boolean> {
  const until = new Date(Date.parse(nowIso) + seconds * 1000).toISOString();
  return leasesRepository.take(db, name, holder, nowIso, until);
}
