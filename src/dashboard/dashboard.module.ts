import { Module } from '@nestjs/common';
import { DashboardMarkdownController } from './dashboard-markdown.controller.js';
import { DashboardPageController } from './dashboard-page.controller.js';
import { DashboardListsResolver } from './dashboard-lists.resolver.js';
import { DashboardResolver } from './dashboard.resolver.js';

@Module({
  providers: [DashboardResolver, DashboardListsResolver],
  controllers: [DashboardMarkdownController, DashboardPageController],
})
export class DashboardModule {}
