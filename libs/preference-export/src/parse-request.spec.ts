import { describe, expect, it } from '@jest/globals';
import { DomainError, ErrorCode } from '@clinrank/domain';
import { parseExportRequest } from './parse-request.js';

function failure(raw: unknown): DomainError {
  try {
    parseExportRequest(raw);
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected parseExportRequest to throw');
}

describe('parseExportRequest', () => {
  it('fills defaults', () => {
    const request = parseExportRequest({});
    expect(request.format).toBe('trl');
    expect(request.policy).toBe('majority');
    expect(request.criterion).toBe('overall');
    expect(request.split).toEqual({ train: 0.8, validation: 0.1, test: 0.1 });
    expect(request.filters.annotatorKind).toEqual({ include: ['external', 'human'], exclude: [] });
    expect(request.filters.language).toEqual({ include: null, exclude: [] });
    expect(request.desirableMin).toBeNull();
    expect(request.margin).toBe('none');
    expect(request.metadata).toBe(true);
  });

  it('names the bad option in a BadUserInput DomainError', () => {
    const error = failure({ split: '0.8,0.1,0.2' });
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe(ErrorCode.BadUserInput);
    expect(error.field).toBe('split');
    expect(error.message).toMatch(/^split must be three non-negative numbers summing to 1/);
    expect(failure({ split: [0.9, -0.1, 0.2] }).field).toBe('split');
    expect(failure({ format: 'csv' }).message).toMatch(/^format must be one of trl, /);
    expect(failure({ policy: 'average' }).field).toBe('policy');
    expect(failure({ minAgreement: 1.5 }).field).toBe('minAgreement');
    expect(failure({ minLabelsPerItem: 1.5 }).field).toBe('minLabelsPerItem');
    expect(failure({ excludeFlags: ['unsafe', 'rude'] }).message).toMatch(/rude/);
    expect(failure({ labelsFrom: 'yesterday' }).field).toBe('labelsFrom');
    expect(failure({ labelsFrom: '2025-02-01', labelsTo: '2025-01-01' }).field).toBe('labelsTo');
    expect(failure({ colour: 'red' }).message).toBe('colour is not an export option');
    expect(failure({ scale: '5-1' }).field).toBe('scale');
    expect(failure({ annotatorWeights: { a: 0.5 } }).message).toMatch(/only applies to policy bradley-terry/);
    expect(failure({ policy: 'bradley-terry', annotatorWeights: { a: -1 } }).field).toBe('annotatorWeights');
    expect(failure({ promptKey: 'x', chosenKey: 'x' }).field).toBe('promptKey');
    expect(failure('trl').field).toBe('request');
  });

  it('accepts a split as a string, an array or an object', () => {
    expect(parseExportRequest({ split: '0.7,0.2,0.1' }).split).toEqual({ train: 0.7, validation: 0.2, test: 0.1 });
    expect(parseExportRequest({ split: [1, 0, 0] }).split).toEqual({ train: 1, validation: 0, test: 0 });
    expect(parseExportRequest({ split: { train: 0.5, validation: 0.25, test: 0.25 } }).split.test).toBe(0.25);
  });

  it('turns where expressions into include and exclude filters', () => {
    const request = parseExportRequest({
      where: ['language=zh,en', 'language!=en', 'source!=synthetic'],
      specialties: 'cardiology',
    });
    expect(request.filters.language).toEqual({ include: ['en', 'zh'], exclude: ['en'] });
    expect(request.filters.source).toEqual({ include: null, exclude: ['synthetic'] });
    expect(request.filters.specialty).toEqual({ include: ['cardiology'], exclude: [] });
    expect(parseExportRequest({ where: 'annotatorKind=judge' }).filters.annotatorKind.include).toEqual(['judge']);
    expect(failure({ where: 'colour=red' }).message).toMatch(/^where field must be one of language/);
    expect(failure({ where: 'language' }).message).toMatch(/^where expressions look like language=zh/);
    expect(failure({ where: 'annotatorKind=robot' }).field).toBe('annotatorKinds');
  });

  it('reads CLI-style strings and the --no-metadata switch', () => {
    const request = parseExportRequest({ minAgreement: '0.75', margin: 'false', noMetadata: true, scale: '1-4' });
    expect(request.minAgreement).toBe(0.75);
    expect(request.margin).toBe('none');
    expect(request.metadata).toBe(false);
    expect(request.scale).toEqual({ min: 1, max: 4 });
  });

  it('reads the KTO threshold within the scale, and points lowRatingMax users to it', () => {
    expect(parseExportRequest({ desirableMin: '4' }).desirableMin).toBe(4);
    expect(() => parseExportRequest({ desirableMin: 6 })).toThrow('desirableMin must be between 1 and 5');
    expect(() => parseExportRequest({ lowRatingMax: 2 })).toThrow('lowRatingMax was replaced by desirableMin');
  });
});
