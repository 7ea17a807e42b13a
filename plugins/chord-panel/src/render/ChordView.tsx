import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2, VizLayout } from '@grafana/ui';
import { type ChordModel } from '../data/chordModel';
import { type ChordAngleLayout, layoutAngles, placeChord } from '../layout/chordLayout';
import { type ChordOptions } from '../types';
import { ChordGraphic } from './ChordGraphic';
import { ColorLegend } from './ColorLegend';
import { DataNotices } from './DataNotices';
import { type ChordColors, chordColors } from './ribbonColors';

interface Props {
  model: ChordModel;
  options: ChordOptions;
  width: number;
  height: number;
}

/** Fits the chord into the space the legend leaves; a panel too small for it gets a message, not a dot. */
function FittedChord({
  angles,
  colors,
  model,
  options,
  width,
  height,
}: Props & { angles: ChordAngleLayout; colors: ChordColors }) {
  const styles = useStyles2(getStyles);
  const layout = useMemo(
    () => placeChord(angles, { showLabels: options.showLabels, arrowHeads: options.arrowHeads }, { width, height }),
    [angles, options.showLabels, options.arrowHeads, width, height]
  );
  if (layout.kind === 'tooSmall') {
    return (
      <div className={styles.message} style={{ width, height }}>
        {layout.message}
      </div>
    );
  }
  return <ChordGraphic layout={layout} colors={colors} model={model} options={options} />;
}

/**
 * The chord with its colour legend (ribbons coloured by a field) and its data notices. Angles and
 * colours do not depend on the panel size, so resizing only refits the circle and labels.
 */
export function ChordView({ model, options, width, height }: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const angles = useMemo(
    () => layoutAngles(model, { ribbons: options.ribbons, arcSize: options.arcSize, groupSort: options.groupSort }),
    [model, options.ribbons, options.arcSize, options.groupSort]
  );
  const colors = useMemo(
    () => chordColors(angles, model, options.colorBy, options.colorPick, theme),
    [angles, model, options.colorBy, options.colorPick, theme]
  );
  // VizLayout reads placement from its legend element's own props, so VizLayout.Legend must be that element.
  const legend =
    options.showLegend && colors.legend.length > 0 ? (
      <VizLayout.Legend placement="bottom" maxHeight="35%">
        <ColorLegend entries={colors.legend} />
      </VizLayout.Legend>
    ) : null;

  return (
    <div className={styles.panel} style={{ width, height }}>
      <VizLayout width={width} height={height} legend={legend}>
        {(vizWidth, vizHeight) => (
          <FittedChord
            angles={angles}
            colors={colors}
            model={model}
            options={options}
            width={vizWidth}
            height={vizHeight}
          />
        )}
      </VizLayout>
      <DataNotices skipped={model.skipped} notices={model.notices} />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  panel: css({ position: 'relative' }),
  message: css({
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    textAlign: 'center',
    padding: theme.spacing(1),
    color: theme.colors.text.secondary,
  }),
});
