import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config.js';

const logLevels = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;

export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    // Room for a 1 MiB text field to reach validation and be refused by name, not by size.
    new FastifyAdapter({ bodyLimit: 2 * 1024 * 1024 }),
    { logger: logLevels.slice(0, logLevels.indexOf(config.logLevel) + 1) },
  );
  return app;
}
