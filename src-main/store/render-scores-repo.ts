import type Database from 'better-sqlite3';

/** What scoring stored for one render: CLIP-T and the embeddings identity scores are computed from. */
export interface StoredRenderScores {
  renderId: string;
  clipModel: string;
  /** 100 · cosine of the image and its identity + frame prompt */
  clipT: number;
  clipEmbedding: Float32Array;
  dinoModel: string | null;
  dinoEmbedding: Float32Array | null;
  /** the background remover the identity embeddings (CLIP, DINOv2) were taken through; null: whole pictures */
  segmentationModel: string | null;
  scoredAt: number;
}

interface Row {
  render_id: string;
  clip_model: string;
  clip_t: number;
  clip_embedding: Buffer;
  dino_model: string | null;
  dino_embedding: Buffer | null;
  segmentation_model: string | null;
  scored_at: number;
}

export type RenderScoresRepo = ReturnType<typeof createRenderScoresRepo>;

export function createRenderScoresRepo(db: Database.Database) {
  const upsert = db.prepare(`
    INSERT INTO render_scores (render_id, clip_model, clip_t, clip_embedding, dino_model, dino_embedding, segmentation_model, scored_at)
    VALUES (@render_id, @clip_model, @clip_t, @clip_embedding, @dino_model, @dino_embedding, @segmentation_model, @scored_at)
    ON CONFLICT (render_id) DO UPDATE SET clip_model = excluded.clip_model, clip_t = excluded.clip_t, clip_embedding = excluded.clip_embedding,
      dino_model = excluded.dino_model, dino_embedding = excluded.dino_embedding, segmentation_model = excluded.segmentation_model,
      scored_at = excluded.scored_at`);
  const get = db.prepare<[string], Row>('SELECT * FROM render_scores WHERE render_id = ?');
  return {
    put(scores: StoredRenderScores): void {
      upsert.run({
        render_id: scores.renderId,
        clip_model: scores.clipModel,
        clip_t: scores.clipT,
        clip_embedding: toBlob(scores.clipEmbedding),
        dino_model: scores.dinoModel,
        dino_embedding: scores.dinoEmbedding && toBlob(scores.dinoEmbedding),
        segmentation_model: scores.segmentationModel,
        scored_at: scores.scoredAt,
      });
    },
    /** The scores of those of `renderIds` that have been scored. */
    getMany(renderIds: readonly string[]): Map<string, StoredRenderScores> {
      const out = new Map<string, StoredRenderScores>();
      for (const id of renderIds) {
        const row = get.get(id);
        if (row) out.set(id, fromRow(row));
      }
      return out;
    },
  };
}

function toBlob(values: Float32Array): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

function fromBlob(blob: Buffer): Float32Array {
  // copied: a BLOB's buffer need not be 4-byte aligned
  return new Float32Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength));
}

function fromRow(r: Row): StoredRenderScores {
  return {
    renderId: r.render_id,
    clipModel: r.clip_model,
    clipT: r.clip_t,
    clipEmbedding: fromBlob(r.clip_embedding),
    dinoModel: r.dino_model,
    dinoEmbedding: r.dino_embedding && fromBlob(r.dino_embedding),
    segmentationModel: r.segmentation_model,
    scoredAt: r.scored_at,
  };
}
