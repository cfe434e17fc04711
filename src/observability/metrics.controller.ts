import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '../access/access.guard.js';
import { Metrics } from './metrics.js';

/** Prometheus scrapes this without a token; it reveals counts and timings, no sprint content. */
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
