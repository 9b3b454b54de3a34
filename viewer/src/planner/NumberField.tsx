import { clampInput } from './edits-form.js';

interface Props {
  label: string;
  name: string;
  value: number;
  min: number;
  /** Clamped to this too when given (the input's own max only guides the spinner). */
  max?: number;
  integer?: boolean;
  onChange: (value: number) => void;
}

/** A narrow labelled number input for run settings (budget, replications, seed), kept within its range. */
export function NumberField({ label, name, value, min, max, integer, onChange }: Props) {
  return (
    <label className="planner-field planner-narrow">
      <span>{label}</span>
      <input
        name={name}
        type="number"
        min={min}
        max={max}
        value={value}
        onChange={(e) =>
          onChange(clampInput(e.target.value, { min, ...(max !== undefined && { max }), integer }))
        }
      />
    </label>
  );
}
