export { welfare, welfareColumns, welfareFacts } from './welfare';
export { welfare as default } from './welfare';
