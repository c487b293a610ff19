export { describeEventStoreContract, type ContractSubject } from './event-store.contract';
export { newEvent, commandOf } from './new-event';
