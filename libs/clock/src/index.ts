export { CLOCK, systemClock, todayOf, ukDay, type Clock } from './clock';
export { ClockModule } from './clock.module';
