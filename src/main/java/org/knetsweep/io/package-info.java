/** Local-file primitives shared by every package (depends on no other package of the project). */
package org.knetsweep.io;
