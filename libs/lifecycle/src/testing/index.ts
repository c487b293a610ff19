export { acceptedHistories, type AcceptedStep } from './accepted-histories';
