// Report formatting: the engine's report → CSV text and terminal tables. Pure; imports only src/model.
export {
  reportToCsv,
  forecastToCsv,
  toCsv,
  csvText,
  LINE_ITEM_HEADER,
  type CsvCell,
  type CsvText,
} from './csv.ts';
export { reportToTable, formatMoney, formatAmount, formatNumber, printable, displayWidth } from './table.ts';
