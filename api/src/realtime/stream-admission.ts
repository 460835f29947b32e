/** Why a stream was refused: too many from this client, or too many on this process. */
export type StreamRefusal = 'per_ip' | 'per_process';

/** The caps a stream is admitted under (STREAMS_PER_IP, STREAMS_PER_PROCESS). */
export interface StreamCaps {
  perIp: number;
  perProcess: number;
}

/**
 * Counts the open streams of this process, in total and per client IP (public and org streams
 * together), so one client cannot hold all the process's sockets. Admitting hands back a release
 * function; it is idempotent, and the hub calls it when the response closes, so the counts return to
 * their baseline whatever way the client left.
 */
export class StreamAdmission {
  private readonly perIp = new Map<string, number>();
  private total = 0;

  /** A release function for an admitted stream, or the reason it is refused. */
  admit(ip: string, caps: StreamCaps): (() => void) | StreamRefusal {
    if (this.total >= caps.perProcess) return 'per_process';
    const open = this.perIp.get(ip) ?? 0;
    if (open >= caps.perIp) return 'per_ip';
    this.perIp.set(ip, open + 1);
    this.total++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const left = (this.perIp.get(ip) ?? 1) - 1;
      if (left <= 0) this.perIp.delete(ip);
      else this.perIp.set(ip, left);
    };
  }

  /** Streams admitted and not yet released. */
  get open(): number {
    return this.total;
  }

  /** Client IPs holding at least one stream (the leak test's baseline is 0). */
  get clients(): number {
    return this.perIp.size;
  }
}
