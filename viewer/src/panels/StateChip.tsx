import type { ShopFloorState } from '../api/types.js';
import { stateColour } from '../palette.js';
import { useSlice } from '../store/context.js';
import { textOn } from './chip-colours.js';
import { useFormat } from './use-format.js';

/** A machine state as a coloured chip in the current palette, with its translated name. */
export function StateChip({ state }: { state: ShopFloorState }) {
  const f = useFormat();
  const palette = useSlice((s) => s.palette);
  const background = stateColour(state, palette);
  return (
    <span className="state-chip" data-state={state} style={{ background, color: textOn(background) }}>
      {f.state(state)}
    </span>
  );
}
