import { Histogram, type Registry } from 'prom-client';
import { pulledCounter, pulledGauge, single } from './pulled.ts';

/** The site renderer's own counts (`SiteRenderer.stats()`). */
export interface SiteRenderStats {
  renders: number;
  failures: number;
  publishFailures: number;
  running: number;
  waiting: number;
  leader: boolean;
}

/** What the render metrics read: this process's site renderer (absent: it does not run here). */
export type SiteRenderSource = () => SiteRenderStats | undefined;

/** Static site renders: count, failures, duration, queue depth, SITE_PUBLISH_COMMAND failures. */
export function siteRenderMetrics(register: Registry, renderer: SiteRenderSource) {
  pulledCounter(register, {
    name: 'lantern_site_renders_total',
    help: "Organization folders of the static site rendered and written (this process's renderer).",
    read: () => single(renderer()?.renders ?? 0),
  });
  pulledCounter(register, {
    name: 'lantern_site_render_failures_total',
    help: 'Renders that failed (the last good files stay).',
    read: () => single(renderer()?.failures ?? 0),
  });
  pulledCounter(register, {
    name: 'lantern_site_publish_failures_total',
    help: 'SITE_PUBLISH_COMMAND runs that exited non-zero.',
    read: () => single(renderer()?.publishFailures ?? 0),
  });
  pulledGauge(register, {
    name: 'lantern_site_render_queue_depth',
    help: 'Organizations whose render is waiting in the queue or running now.',
    labelNames: ['state'],
    read: () => [
      [{ state: 'waiting' }, renderer()?.waiting ?? 0],
      [{ state: 'running' }, renderer()?.running ?? 0],
    ],
  });
  pulledGauge(register, {
    name: 'lantern_site_renderer_leader',
    help: "1 when this process's site renderer holds the lead (renders), else 0.",
    read: () => single(renderer()?.leader ? 1 : 0),
  });
  const duration = new Histogram({
    name: 'lantern_site_render_duration_seconds',
    help: "Time to render and write one organization's folder.",
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [register],
  });
  return {
    /** Records one finished render (the renderer's `onRendered` hook). */
    rendered: (ms: number) => duration.observe(ms / 1000),
  };
}

export type SiteRenderMetrics = ReturnType<typeof siteRenderMetrics>;
