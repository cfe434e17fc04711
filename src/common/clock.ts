import { Injectable } from '@nestjs/common';

/** The one place the service reads the time; tests replace it to make time stand still. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
