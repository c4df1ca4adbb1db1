// A number input that keeps what the user types ("1.", "") while only valid values reach the
// view state, and follows the value when it changes from elsewhere (URL, reset).
import { useState } from 'react';

export function NumberField(props: {
  readonly value: number;
  readonly min: number;
  readonly max: number;
  readonly step?: number;
  readonly disabled?: boolean;
  readonly onValue: (value: number) => void;
}) {
  const { value, min, max, step, disabled, onValue } = props;
  const [text, setText] = useState(String(value));
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    // The value changed from outside: show it (React's "adjust state on prop change" pattern).
    setShown(value);
    if (Number(text) !== value) setText(String(value));
  }
  return (
    <input
      type="number"
      className="num-input"
      min={min}
      max={max}
      step={step ?? 0.5}
      disabled={disabled}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const n = Number(e.target.value);
        if (e.target.value.trim() !== '' && Number.isFinite(n) && n >= min && n <= max) {
          setShown(n);
          onValue(n);
        }
      }}
    />
  );
}
