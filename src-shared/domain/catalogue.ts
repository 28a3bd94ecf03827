import { z } from 'zod';

/** A known ONNX export on the Hugging Face Hub that the pipeline can use (resources/model-catalogue.json). */
export const CatalogueEntrySchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  /** the family the engine will recognise */
  family: z.string(),
  repo: z.string(),
  revision: z.string(),
  /** only the files the pipeline reads */
  files: z.array(z.string()).min(1),
  /** approximate unless verified */
  sizeBytes: z.number().int().positive(),
  licence: z.string(),
  licenceUrl: z.string(),
  /** the repository asks users to accept terms (an access token is then needed) */
  gated: z.boolean(),
  /** false: files, sizes or the layout were taken from the Hub's web pages, not checked by downloading */
  verified: z.boolean(),
  notes: z.string(),
});
export type CatalogueEntry = z.infer<typeof CatalogueEntrySchema>;
