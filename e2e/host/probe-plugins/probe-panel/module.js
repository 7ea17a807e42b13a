/* global define, window, performance */
/**
 * A hand-written AMD panel module, shaped like webpack's output for a Grafana plugin, that the host's
 * own tests render. It shows what it was given and offers buttons that call the panel callbacks.
 */
define(['@grafana/data', '@grafana/runtime', '@grafana/ui', 'react'], function (
  grafanaData,
  grafanaRuntime,
  grafanaUi,
  React
) {
  // Lets a test compare the modules this plugin received with the host's own.
  window.flowlensProbe = { React: React, grafanaData: grafanaData };
  var h = React.createElement;

  function describeConfig(config) {
    var base = config.thresholds && config.thresholds.steps[0];
    return [
      'unit=' + config.unit,
      'color=' + (config.color && config.color.mode),
      'base=' + (base && String(base.value)),
      'custom=' + JSON.stringify(config.custom || {}),
    ].join(' ');
  }

  function ProbePanel(props) {
    // Hooks from the plugin's React and a theme read through @grafana/ui's context: both fail unless the
    // plugin shares React and @grafana/data with the host's renderer.
    var theme = grafanaUi.useTheme2();
    // Lets a test run a table of interpolations through exactly what the panel was given.
    window.flowlensProbe.replaceVariables = props.replaceVariables;
    var pushes = React.useState(0);
    var broken = React.useState(false);
    if (props.options.throwMessage) {
      throw new Error(props.options.throwMessage);
    }
    if (broken[0]) {
      throw new Error('probe broke after a click');
    }
    // A slow panel, for checking that the host's timing includes React's render.
    var busyUntil = performance.now() + (props.options.busyMs || 0);
    while (performance.now() < busyUntil) {
      // spin
    }
    var frame = props.data.series[0];
    var field =
      frame &&
      frame.fields.find(function (f) {
        return f.type === 'number';
      });
    var link = field ? field.getLinks({ valueRowIndex: 0 })[0] : undefined;
    var text = function (testId, value) {
      return h('p', { 'data-testid': testId }, value);
    };
    var button = function (label, onClick) {
      return h('button', { type: 'button', onClick: onClick }, label);
    };
    return h(
      'div',
      { 'data-testid': 'probe', style: { color: theme.colors.text.primary } },
      text('probe-theme', theme.name),
      text('probe-size', props.width + 'x' + props.height),
      text('probe-value', field ? grafanaData.formattedValueToString(field.display(field.values[0])) : ''),
      text('probe-field-config', field ? describeConfig(field.config) : ''),
      text(
        'probe-state',
        props.data.state +
          (props.data.errors || [])
            .map(function (error) {
              return ': ' + error.message;
            })
            .join('')
      ),
      text('probe-options', JSON.stringify(props.options)),
      text('probe-render-counter', String(props.renderCounter)),
      text('probe-variable', props.replaceVariables('$namespace')),
      link ? h('a', { 'data-testid': 'probe-link', href: link.href, target: link.target }, link.title) : null,
      // An icon is fetched from Grafana's public folder; a portal lands in Grafana's portal container.
      h(grafanaUi.Icon, { name: 'arrow-right', 'data-testid': 'probe-icon' }),
      h(grafanaUi.Portal, null, h('span', { 'data-testid': 'probe-portal' }, 'in the portal')),
      // A list without keys: development React warns about it, production React does not.
      props.options.keylessList ? h('ul', null, [h('li', null, 'a'), h('li', null, 'b')]) : null,
      button('push location', function () {
        grafanaRuntime.locationService.push('/d/probe?push=' + pushes[0]);
        pushes[1](pushes[0] + 1);
      }),
      button('zoom', function () {
        props.onChangeTimeRange({ from: 1000, to: 2000 });
      }),
      button('change options', function () {
        props.onOptionsChange(Object.assign({}, props.options, { label: 'changed' }));
      }),
      button('break', function () {
        broken[1](true);
      })
    );
  }

  var plugin = new grafanaData.PanelPlugin(ProbePanel).useFieldConfig().setPanelOptions(function (builder) {
    builder.addTextInput({ path: 'label', name: 'Label', defaultValue: 'probe' });
  });
  return { plugin: plugin };
});
