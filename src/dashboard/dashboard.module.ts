import { Module } from '@nestjs/common';
import { DashboardMarkdownController } from './dashboard-markdown.controller.js';
import { DashboardPageController } from './dashboard-page.controller.js';
import { DashboardResolver } from './dashboard.resolver.js';

@Module({
  providers: [DashboardResolver],
  controllers: [DashboardMarkdownController, DashboardPageController],
})
export class DashboardModule {}
