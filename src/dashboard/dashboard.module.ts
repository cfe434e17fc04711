import { Module } from '@nestjs/common';
import { DashboardMarkdownController } from './dashboard-markdown.controller.js';
import { DashboardResolver } from './dashboard.resolver.js';

@Module({ providers: [DashboardResolver], controllers: [DashboardMarkdownController] })
export class DashboardModule {}
