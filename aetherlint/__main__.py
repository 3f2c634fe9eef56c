from aetherlint.cli import main

raise SystemExit(main())
