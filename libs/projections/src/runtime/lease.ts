import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Database, Statement } from 'better-sqlite3';
import { LeaseLost } from '../errors';

type Row = [holder: string, host: string, pid: number, renewedAt: number];

/** Who holds a lease, for messages. */
export interface LeaseHolder {
  holder: string;
  host: string;
  pid: number;
}

/**
 * A named lock in the read-model database, held by one process at a time. On this host a holder is
 * alive while its process is (however long a rebuild's index takes); a holder on another host while it
 * renews within `ttlMs`. A dead holder is replaced at once. The checkpoints, not the lease, guarantee
 * exactly-once: the lease only keeps two processes from doing the same work.
 */
export class Lease {
  readonly holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly select: Statement<[string], Row>;
  private readonly upsert: Statement<[string, string, string, number, number]>;
  private readonly remove: Statement<[string, string]>;

  constructor(
    private readonly db: Database,
    private readonly ttlMs = 15_000,
  ) {
    this.select = db.prepare<[string], Row>('SELECT holder, host, pid, renewed_at FROM leases WHERE name = ?').raw();
    this.upsert = db.prepare(
      `INSERT INTO leases (name, holder, host, pid, renewed_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, host = excluded.host, pid = excluded.pid, renewed_at = excluded.renewed_at`,
    );
    this.remove = db.prepare('DELETE FROM leases WHERE name = ? AND holder = ?');
  }

  /** Takes the lease if it is free or its holder is presumed dead; otherwise says who holds it. */
  acquire(name: string): { acquired: true } | { acquired: false; heldBy: LeaseHolder } {
    return this.db
      .transaction(() => {
        const row = this.select.get(name);
        if (row !== undefined && row[0] !== this.holder && this.alive(row)) {
          return { acquired: false as const, heldBy: { holder: row[0], host: row[1], pid: row[2] } };
        }
        this.upsert.run(name, this.holder, hostname(), process.pid, Date.now());
        return { acquired: true as const };
      })
      .immediate();
  }

  /** Inside the caller's transaction: throws LeaseLost if someone else took it. */
  renew(name: string): void {
    const row = this.select.get(name);
    if (row === undefined || row[0] !== this.holder) throw new LeaseLost(name);
    this.upsert.run(name, this.holder, hostname(), process.pid, Date.now());
  }

  /** Held by a live process, this one or another. */
  heldByAnyone(name: string): boolean {
    const row = this.select.get(name);
    return row !== undefined && (row[0] === this.holder || this.alive(row));
  }

  holds(name: string): boolean {
    return this.select.get(name)?.[0] === this.holder;
  }

  release(name: string): void {
    this.remove.run(name, this.holder);
  }

  private alive([, host, pid, renewedAt]: Row): boolean {
    return host === hostname() ? processExists(pid) : Date.now() - renewedAt <= this.ttlMs;
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
