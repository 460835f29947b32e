import { Counter, Gauge, type Registry } from 'prom-client';

/** Label values and the value of one series. */
export type Sample = [labels: Record<string, string>, value: number];

interface PulledOptions {
  name: string;
  help: string;
  labelNames?: readonly string[];
  /** The series at scrape time, read from the module that keeps the count (none: the module is absent). */
  read: () => readonly Sample[];
}

/**
 * A counter whose value a module keeps itself (the hub's deliveries, the renderer's failures…), read
 * at scrape time. The module stays free of prom-client and of any one registry, so several apps in
 * one process each expose their own numbers.
 */
export function pulledCounter(register: Registry, { name, help, labelNames = [], read }: PulledOptions): void {
  new Counter({
    name,
    help,
    labelNames,
    registers: [register],
    collect() {
      this.reset();
      for (const [labels, value] of read()) this.inc(labels, value);
    },
  });
}

/** A gauge read at scrape time (see pulledCounter). */
export function pulledGauge(register: Registry, { name, help, labelNames = [], read }: PulledOptions): void {
  new Gauge({
    name,
    help,
    labelNames,
    registers: [register],
    collect() {
      this.reset();
      for (const [labels, value] of read()) this.set(labels, value);
    },
  });
}

/** One unlabelled series, or none when the source is absent. */
export const single = (value: number | undefined): Sample[] => (value === undefined ? [] : [[{}, value]]);
