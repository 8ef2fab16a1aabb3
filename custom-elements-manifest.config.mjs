// Settings of `cem analyze` (npm run analyze) beyond its command-line flags.
export default {
  plugins: [
    {
      // The modules in path order: the glob's own order follows the file system and may differ
      // between clones, and CI checks that the committed manifest is what the build makes.
      name: 'modules-in-path-order',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      },
    },
  ],
};
