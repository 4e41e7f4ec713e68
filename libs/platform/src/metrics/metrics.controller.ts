import { Controller, Get, Header, Inject } from '@nestjs/common';
import { Public } from '../auth/public.decorator';
import { METRICS_REGISTRY, type PlatformMetrics } from './metrics-registry';

@Public()
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly metrics: PlatformMetrics) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
