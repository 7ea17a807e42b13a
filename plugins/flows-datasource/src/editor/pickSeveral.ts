/**
 * MultiSelect props for picking several values in a row, as MultiCombobox did: the menu stays open and
 * the input keeps focus after each pick (react-select blurs it on touch-capable devices otherwise).
 */
export const pickSeveral = { closeMenuOnSelect: false, blurInputOnSelect: false } as const;
