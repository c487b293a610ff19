export { CLOCK, systemClock, todayOf, type Clock } from './clock';
export { ClockModule } from './clock.module';
