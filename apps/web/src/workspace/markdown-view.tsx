import { Box, type SxProps } from '@mui/material';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';

const REMARK_PLUGINS = [remarkGfm];
const DISALLOWED = ['img', 'script', 'style', 'iframe'];

/** Sanitised markdown (lists, tables, emphasis; raw HTML dropped), direction chosen per paragraph from its content. */
export function MarkdownView({
  text,
  lang,
  sx,
  testId,
}: {
  text: string;
  lang?: string;
  sx?: SxProps;
  testId?: string;
}) {
  return (
    <Box
      dir="auto"
      lang={lang}
      data-testid={testId}
      sx={{
        unicodeBidi: 'isolate',
        overflowWrap: 'anywhere',
        '& p, & li, & td, & th, & h1, & h2, & h3, & blockquote': { unicodeBidi: 'plaintext' },
        '& p': { my: 1 },
        '& table': { borderCollapse: 'collapse', my: 1 },
        '& td, & th': { border: 1, borderColor: 'divider', px: 1, py: 0.5, textAlign: 'start' },
        '& ul, & ol': { paddingInlineStart: 3, my: 1 },
        ...sx,
      }}
    >
      <Markdown remarkPlugins={REMARK_PLUGINS} skipHtml disallowedElements={DISALLOWED} unwrapDisallowed>
        {text}
      </Markdown>
    </Box>
  );
}
