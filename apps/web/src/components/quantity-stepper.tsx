import { Minus, Plus } from 'lucide-react';
import { Button } from './ui/button.tsx';
import { Input } from './ui/field.tsx';

/** A quantity with − and + beside it; the number can be typed too (1 to `max`). */
export function QuantityStepper({
  id,
  label,
  value,
  onChange,
  max = 1000,
  describedBy,
  inputLabel,
}: {
  id: string;
  /** What it counts, for the buttons' names: "Enamel mug". */
  label: string;
  value: string;
  onChange: (value: string) => void;
  max?: number;
  describedBy?: string | undefined;
  /** The input's name when no label element names it. */
  inputLabel?: string;
}) {
  const step = (by: number) => onChange(String(Math.min(max, Math.max(1, (Number(value) || 0) + by))));
  return (
    <div className="flex items-center gap-1">
      <Button
        variant="secondary"
        size="icon"
        aria-label={`One fewer ${label}`}
        disabled={Number(value) <= 1}
        onClick={() => step(-1)}
      >
        <Minus aria-hidden="true" />
      </Button>
      <Input
        id={id}
        type="number"
        inputMode="numeric"
        required
        min={1}
        max={max}
        step={1}
        className="w-20 text-center"
        value={value}
        aria-describedby={describedBy}
        aria-label={inputLabel}
        onChange={(e) => onChange(e.target.value)}
      />
      <Button
        variant="secondary"
        size="icon"
        aria-label={`One more ${label}`}
        disabled={Number(value) >= max}
        onClick={() => step(1)}
      >
        <Plus aria-hidden="true" />
      </Button>
    </div>
  );
}
