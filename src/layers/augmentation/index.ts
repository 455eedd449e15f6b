// Augmentation layers (train-only, seeded, serializable), the mixup and CutMix batch helpers and
// test-time augmentation.
export { AugmentationLayer } from './common';
export { ResamplingLayer, RESAMPLING_KEYS, type ResamplingArgs } from './resampling';
export type { BaseAugmentationArgs, FillMode, Interpolation, Range } from './common';
export { randomFlip, RandomFlip } from './random-flip';
export type { RandomFlipArgs, FlipMode } from './random-flip';
export { randomTranslation, RandomTranslation } from './random-translation';
export type { RandomTranslationArgs } from './random-translation';
export { randomRotation, RandomRotation, rotationTransform } from './random-rotation';
export type { RandomRotationArgs } from './random-rotation';
export { randomZoom, RandomZoom, zoomTransform } from './random-zoom';
export type { RandomZoomArgs } from './random-zoom';
export { randomErasing, RandomErasing } from './random-erasing';
export type { RandomErasingArgs } from './random-erasing';
export { mixup, sampleBeta } from './mixup';
export type { MixupOptions, MixupResult } from './mixup';
export { cutmix, cutmixBox } from './cutmix';
export type { CutmixOptions, CutmixResult } from './cutmix';
export { testTimeAugmentation } from './test-time-augmentation';
export type { TestTimeAugmentationOptions, ViewMaker, PredictingModel } from './test-time-augmentation';
export { specAugment, SpecAugment, drawMaskBand } from './spec-augment';
export type { SpecAugmentArgs, MaskBand } from './spec-augment';
