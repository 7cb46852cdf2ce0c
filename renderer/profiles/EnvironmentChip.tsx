import { environmentTone } from './filter';

/** The environment label as the user typed it (prod, staging…): their own word, so it is shown, not translated. */
export function EnvironmentChip({ environment }: { environment: string }) {
  return <span className={`chip chip-${environmentTone(environment)}`}>{environment}</span>;
}
